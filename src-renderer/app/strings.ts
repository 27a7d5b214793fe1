// Every word the kiosk shows, in one dictionary keyed by id, so another language is one more
// dictionary of the same shape. Placeholders are {name}; `say` fills them in.

export const en = {
  'status.connecting': 'Connecting…',
  'status.session': '{session} session',
  'status.noSession': 'Between sessions',
  'status.opensToday': 'Check-in opens at {time}',
  'status.opensTomorrow': 'Check-in opens tomorrow at {time}',
  'status.opensOnDay': 'Check-in opens {day} at {time}',
  'status.opensOnDate': 'Check-in opens {date} at {time}',
  'status.checkedInToday': '{count} checked in today',

  'idle.face': 'Look at the camera to check in',
  'idle.card': 'Hold your check-in card up to the camera',
  'idle.pinOnly': 'Tap below, then type your student number and PIN',
  'idle.pinButton': 'No card? Tap to type your student number and PIN',
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
  'result.padPaused': 'Too many wrong PINs',
  'result.padPausedDetail': 'This kiosk takes the next PIN in {seconds} seconds.',
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
  'pad.keypadLetters': 'Letter keys',
  'pad.letters': 'ABC',
  'pad.lettersLabel': 'Letters, for a student number with letters',
  'pad.digits': '123',
  'pad.digitsLabel': 'Back to numbers',
  'pad.delete': 'Delete',
  'pad.cancel': 'Cancel',
  'pad.checking': 'Checking…',
  'pad.needsSecondFactor': 'Please confirm with your card or PIN',
  'pad.wrongPin': 'That PIN didn’t match',
  'pad.wrongPinDetail': 'Please try again.',
} as const;

export type StringId = keyof typeof en;
export type Dictionary = Record<StringId, string>;

export const es: Dictionary = {
  'status.connecting': 'Conectando…',
  'status.session': 'Turno de {session}',
  'status.noSession': 'Entre turnos',
  'status.opensToday': 'El registro abre a las {time}',
  'status.opensTomorrow': 'El registro abre mañana a las {time}',
  'status.opensOnDay': 'El registro abre el {day} a las {time}',
  'status.opensOnDate': 'El registro abre el {date}, a las {time}',
  'status.checkedInToday': '{count} registrados hoy',

  'idle.face': 'Mira a la cámara para registrarte',
  'idle.card': 'Acerca tu tarjeta de registro a la cámara',
  'idle.pinOnly': 'Toca abajo y escribe tu número de alumno y tu PIN',
  'idle.pinButton': '¿Sin tarjeta? Toca para escribir tu número de alumno y tu PIN',
  'idle.pinButtonPinOnly': 'Registrarse con PIN',

  'camera.starting': 'Preparando la cámara…',
  'camera.unavailable': 'La cámara no está disponible ahora',
  'camera.unavailableDetail': 'Puedes registrarte con tu PIN.',
  'camera.facesUnavailable': 'El registro con la cara no está disponible ahora. La tarjeta y el PIN funcionan como siempre.',
  'camera.cardGuide': 'Pon tu tarjeta aquí',
  'camera.label': 'Vista de la cámara',

  'hint.move_closer': 'Acércate un poco',
  'hint.move_back': 'Aléjate un poco',
  'hint.centre_face': 'Centra tu cara',
  'hint.face_camera': 'Mira a la cámara',
  'hint.more_light': 'Hace falta más luz',
  'hint.less_light': 'Demasiada luz: apártate de la luz',
  'hint.hold_still': 'No te muevas',
  'hint.one_at_a_time': 'De uno en uno',
  'hint.checking': 'No te muevas: comprobando',
  'hint.asking': 'Un momento…',

  'greeting.morning': 'Buenos días, {name}',
  'greeting.afternoon': 'Buenas tardes, {name}',
  'greeting.evening': 'Buenas noches, {name}',
  'greeting.goodbye': 'Adiós, {name}',
  'greeting.checkedIn': 'Entrada a las {time}',
  'greeting.checkedOut': 'Salida a las {time}',
  'greeting.onTime': 'a tiempo',
  'greeting.late': 'tarde',
  'greeting.alreadyIn': '{name}, ya estás registrado',
  'greeting.alreadyOut': '{name}, ya has registrado tu salida',
  'greeting.alreadyInAt': 'Entrada a las {time}',
  'greeting.alreadyOutAt': 'Salida a las {time}',

  'result.notRecognised': 'Lo siento, todavía no te conozco',
  'result.notRecognisedDetail': 'Puedes registrarte con tu tarjeta o tu PIN.',
  'result.usePin': 'Usa tu tarjeta o tu PIN',
  'result.unknownCard': 'Esta tarjeta no está registrada',
  'result.unknownCardDetail': 'Pasa por secretaría, por favor.',
  'result.pinLocked': 'Demasiados intentos',
  'result.pinLockedDetail': 'Espera {minutes} minutos o pasa por secretaría.',
  'result.pinLockedDetailOne': 'Espera 1 minuto o pasa por secretaría.',
  'result.padPaused': 'Demasiados PIN incorrectos',
  'result.padPausedDetail': 'Este quiosco acepta el próximo PIN en {seconds} segundos.',
  'result.closedHours': 'El registro está cerrado ahora',
  'result.closedHoursDetail': 'Pasa por secretaría si necesitas ayuda.',
  'result.closedDay': 'Hoy no hay clase',
  'result.closedDayDetail': 'El registro abre el próximo día lectivo.',
  'result.failed': 'Lo siento, algo ha fallado',
  'result.failedDetail': 'Inténtalo de nuevo o pasa por secretaría.',
  'result.tapToContinue': 'Toca para continuar',

  'pad.title': 'Registrarse con tarjeta o PIN',
  'pad.cardTip': 'Muestra tu tarjeta a la cámara o escribe tu número de alumno.',
  'pad.cardTipPinOnly': 'Escribe tu número de alumno y después tu PIN.',
  'pad.studentNumber': 'Número de alumno',
  'pad.pin': 'PIN',
  'pad.next': 'Siguiente',
  'pad.checkIn': 'Registrarme',
  'pad.keypad': 'Teclado numérico',
  'pad.keypadLetters': 'Teclado de letras',
  'pad.letters': 'ABC',
  'pad.lettersLabel': 'Letras, para un número de alumno con letras',
  'pad.digits': '123',
  'pad.digitsLabel': 'Volver a los números',
  'pad.delete': 'Borrar',
  'pad.cancel': 'Cancelar',
  'pad.checking': 'Comprobando…',
  'pad.needsSecondFactor': 'Confirma con tu tarjeta o tu PIN',
  'pad.wrongPin': 'Ese PIN no es correcto',
  'pad.wrongPinDetail': 'Inténtalo de nuevo.',
};

export const dictionaries = { en, es } as const;
export type Language = keyof typeof dictionaries;

// The kiosk speaks one language at a time, chosen by the school (school.language); the screen sets
// it from the status before rendering, so every `say` below it speaks that language.
let spoken: Dictionary = en;

export function setSpokenLanguage(language: Language | undefined): void {
  spoken = dictionaries[language ?? 'en'] ?? en;
}

/** The text for `id` with its {placeholders} filled in. */
export function say(id: StringId, values: Record<string, string | number> = {}, dictionary: Dictionary = spoken): string {
  return dictionary[id].replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}
