// What other capabilities may use from the SMS capability.
export { messageIdFor } from './message-id.js';
export { renderTemplate, formatSchoolTime, formatSchoolDate } from './templates.js';
export { enqueueSms, outboxCounts, type NewSms, type SmsType, type OutboxState } from './outbox.js';
export type { SmsProvider, SmsToSend, SendOutcome } from './provider.js';
export { createAndroidGatewayLocalProvider, type AndroidGatewayLocalOptions } from './providers/android-gateway-local.js';
export { createLogProvider } from './providers/log.js';
export { createSmsDispatcher, type SmsDispatcher, type SmsDispatcherDeps } from './dispatcher.js';
export { defaultBackoff, type BackoffPolicy } from './backoff.js';
