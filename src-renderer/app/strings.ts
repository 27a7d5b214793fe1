// Every word the kiosk shows, in one dictionary keyed by id, so another language is one more
// dictionary of the same shape. Placeholders are {name}; `say` fills them in.

export const en = {
  'status.connecting': 'Connecting…',
  'status.session': '{session} session',
  'status.noSession': 'Between sessions',
  'status.checkedInToday': '{count} checked in today',

  'idle.face': 'Look at the camera to check in',
  'idle.card': 'Show your card to the camera or tap to enter your PIN',
  'idle.pinOnly': 'Check in with your student number and PIN',
  'idle.pinButton': 'Check in with card or PIN',
  'idle.pinButtonPinOnly': 'Check in with PIN',

  'camera.starting': 'Getting the camera ready…',
  'camera.unavailable': 'The camera is not available right now',
  'camera.unavailableDetail': 'You can still check in with your PIN.',
  'camera.facesUnavailable': 'Face check-in is not available right now. Your card and PIN work as usual.',
  'camera.cardGuide': 'Hold your card here',
  'camera.label': 'Camera preview',

  'hint.move_closer': 'Move a little closer',
  'hint.move_back': 'Step back a little',
  'hint.centre_face': 'Centre your face',
  'hint.face_camera': 'Look at the camera',
  'hint.more_light': 'More light needed',
  'hint.less_light': 'Too bright — move out of the light',
  'hint.hold_still': 'Hold still',
  'hint.one_at_a_time': 'One person at a time',
  'hint.checking': 'Hold still — checking',
  'hint.asking': 'One moment…',

  'greeting.morning': 'Good morning, {name}',
  'greeting.afternoon': 'Good afternoon, {name}',
  'greeting.evening': 'Good evening, {name}',
  'greeting.goodbye': 'Goodbye, {name}',
  'greeting.checkedIn': 'Checked in {time}',
  'greeting.checkedOut': 'Checked out {time}',
  'greeting.onTime': 'on time',
  'greeting.late': 'late',
  'greeting.alreadyIn': '{name}, you’re already checked in',
  'greeting.alreadyOut': '{name}, you’re already checked out',
  'greeting.alreadyInAt': 'Checked in at {time}',
  'greeting.alreadyOutAt': 'Checked out at {time}',

  'result.notRecognised': 'Sorry, I don’t know you yet',
  'result.notRecognisedDetail': 'You can check in with your card or PIN instead.',
  'result.usePin': 'Use your card or PIN',
  'result.unknownCard': 'This card isn’t registered',
  'result.unknownCardDetail': 'Please see the office.',
  'result.pinLocked': 'Too many tries',
  'result.pinLockedDetail': 'Please wait {minutes} minutes or see the office.',
  'result.pinLockedDetailOne': 'Please wait 1 minute or see the office.',
  'result.closedHours': 'Check-in is closed right now',
  'result.closedHoursDetail': 'Please see the office if you need help.',
  'result.closedDay': 'No school today',
  'result.closedDayDetail': 'Check-in opens on the next school day.',
  'result.failed': 'Sorry, something went wrong',
  'result.failedDetail': 'Please try again, or see the office.',
  'result.tapToContinue': 'Tap to continue',

  'pad.title': 'Check in with card or PIN',
  'pad.cardTip': 'Show your card to the camera, or type your student number.',
  'pad.cardTipPinOnly': 'Type your student number, then your PIN.',
  'pad.studentNumber': 'Student number',
  'pad.pin': 'PIN',
  'pad.next': 'Next',
  'pad.checkIn': 'Check in',
  'pad.keypad': 'Number keys',
  'pad.delete': 'Delete',
  'pad.cancel': 'Cancel',
  'pad.checking': 'Checking…',
  'pad.needsSecondFactor': 'Please confirm with your card or PIN',
  'pad.wrongPin': 'That PIN didn’t match',
  'pad.wrongPinDetail': 'Please try again.',
} as const;

export type StringId = keyof typeof en;
export type Dictionary = Record<StringId, string>;

/** The text for `id` with its {placeholders} filled in. */
export function say(id: StringId, values: Record<string, string | number> = {}, dictionary: Dictionary = en): string {
  return dictionary[id].replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}
