// Where the school is decides whether face mode may be used at all and what must be on record first.
// Kept as data so the config check, the status screen and the privacy pack all read the same rules.

export interface RegionRules {
  name: string;
  /** Biometric identification of pupils is prohibited: face mode can never be enabled. */
  faceBarred: boolean;
  /** A data protection impact assessment is expected before face mode is switched on. */
  dpiaRequired: boolean;
  /** Only a signed written release counts as consent (a staff attestation does not). */
  signedReleaseRequired: boolean;
  /** The law the rule comes from, as printed in the privacy pack and in config errors. */
  law: string;
}

export const regions = {
  'US-NY': {
    name: 'New York State, USA',
    faceBarred: true,
    dpiaRequired: false,
    signedReleaseRequired: true,
    law: 'New York State Technology Law § 106-b (schools may not use biometric identifying technology)',
  },
  'US-IL': {
    name: 'Illinois, USA',
    faceBarred: false,
    dpiaRequired: false,
    signedReleaseRequired: true,
    law: 'Illinois Biometric Information Privacy Act, 740 ILCS 14/15 (written release, public retention schedule)',
  },
  US: {
    name: 'United States (other states)',
    faceBarred: false,
    dpiaRequired: false,
    signedReleaseRequired: false,
    law: 'FERPA, 34 CFR 99 (biometric records are education records); COPPA as amended 2025',
  },
  GB: {
    name: 'United Kingdom',
    faceBarred: false,
    dpiaRequired: true,
    signedReleaseRequired: true,
    law: 'UK GDPR Art. 9 and 35; Protection of Freedoms Act 2012 ss. 26-28 (written parental consent, any objection stops processing)',
  },
  EU: {
    name: 'European Union / EEA',
    faceBarred: false,
    dpiaRequired: true,
    signedReleaseRequired: false,
    law: 'GDPR Art. 9 (explicit consent) and Art. 35 (DPIA); EU AI Act Art. 5(1)(f) (no emotion inference)',
  },
  other: {
    name: 'Elsewhere',
    faceBarred: false,
    dpiaRequired: false,
    signedReleaseRequired: false,
    law: 'Local law: check with the school’s data protection adviser before enabling face mode',
  },
} as const satisfies Record<string, RegionRules>;

export type RegionCode = keyof typeof regions;
export const regionCodes = Object.keys(regions) as [RegionCode, ...RegionCode[]];

export function regionRules(code: RegionCode): RegionRules {
  return regions[code];
}
