import { z } from 'zod';

/**
 * Every theme a section of a document can have, in document order. The single source of the
 * theme list: ids (stored in the document as the `theme` attribute of a `themeSection`), the
 * clause-number code, which document the theme belongs to, labels and guidance in Dutch and
 * English. Guidance is B1 plain language: it is shown to volunteer tenant board members.
 */
export const THEME_IDS = [
  // The performance agreements (`agreement` document).
  'beschikbaarheid',
  'betaalbaarheid',
  'duurzaamheid',
  'kwaliteit',
  'leefbaarheid',
  'wonen-en-zorg',
  'aandachtsgroepen',
  'huurdersparticipatie',
  'financiele-afspraken',
  // The process agreements (`process` document, tip 3).
  'verwachtingen',
  'vergaderafspraken',
  'besluitvorming',
  'reikwijdte',
  'procesbegeleiding',
  'voortgang',
  'kalender',
] as const;

export const ThemeId = z.enum(THEME_IDS);
export type ThemeId = z.infer<typeof ThemeId>;

/** Which document a theme's section opens in by default. */
export type ThemeDocument = 'agreement' | 'process';

export type Lang = 'nl' | 'en';
export type Localized = Record<Lang, string>;

export interface ThemeInfo {
  id: ThemeId;
  /** Prefix of clause numbers in this theme: "B" gives "B-03". Unique over all themes. */
  code: string;
  document: ThemeDocument;
  label: Localized;
  guidance: Localized;
}

const info: Record<ThemeId, Omit<ThemeInfo, 'id'>> = {
  beschikbaarheid: {
    code: 'B',
    document: 'agreement',
    label: { nl: 'Beschikbaarheid', en: 'Availability' },
    guidance: {
      nl: 'Hoeveel sociale huurwoningen zijn er nodig, en hoeveel komen erbij? Denk aan nieuwbouw, sloop, verkoop en ombouw. Wat doet de gemeente om dat mogelijk te maken, zoals grond en vergunningen?',
      en: 'How many social rented homes are needed, and how many will be added? Think of new building, demolition, sales and conversion. What does the municipality do to make this possible, such as land and permits?',
    },
  },
  betaalbaarheid: {
    code: 'H',
    document: 'agreement',
    label: { nl: 'Betaalbaarheid', en: 'Affordability' },
    guidance: {
      nl: 'Hoe blijven de woonlasten te betalen voor huurders? Denk aan de huurverhoging, lagere huur voor mensen met een laag inkomen, passend toewijzen en hulp bij betalingsproblemen.',
      en: 'How do housing costs stay affordable for tenants? Think of the rent increase, lower rent for people on a low income, allocation that fits income, and help with payment problems.',
    },
  },
  duurzaamheid: {
    code: 'D',
    document: 'agreement',
    label: { nl: 'Duurzaamheid', en: 'Sustainability' },
    guidance: {
      nl: 'Hoe worden woningen zuiniger en beter voor het klimaat? Denk aan isolatie, geen woningen met label E, F of G meer na 2028, aardgasvrij wonen en wat huurders merken van de werkzaamheden.',
      en: 'How do homes use less energy and become better for the climate? Think of insulation, no homes with an E, F or G label after 2028, living without natural gas, and what tenants notice of the works.',
    },
  },
  kwaliteit: {
    code: 'K',
    document: 'agreement',
    label: { nl: 'Kwaliteit', en: 'Quality' },
    guidance: {
      nl: 'Hoe zorgen we dat woningen goed en gezond zijn? Denk aan vocht en schimmel, onderhoud en hoe snel een klacht wordt opgelost.',
      en: 'How do we make sure homes are sound and healthy? Think of damp and mould, maintenance, and how quickly a complaint is solved.',
    },
  },
  leefbaarheid: {
    code: 'L',
    document: 'agreement',
    label: { nl: 'Leefbaarheid', en: 'Liveability' },
    guidance: {
      nl: 'Hoe zorgen we voor prettige en veilige buurten? Denk aan schoon en heel, overlast, beheer in de buurt en samenwerken met zorg en welzijn.',
      en: 'How do we keep neighbourhoods pleasant and safe? Think of clean and well-kept streets, nuisance, local management and working with care and welfare organisations.',
    },
  },
  'wonen-en-zorg': {
    code: 'Z',
    document: 'agreement',
    label: { nl: 'Wonen en zorg', en: 'Housing and care' },
    guidance: {
      nl: 'Hoe kunnen ouderen en mensen die zorg nodig hebben goed wonen? Denk aan geschikte woningen, aanpassingen in huis, zorg dichtbij en verhuizen naar een passende woning.',
      en: 'How can older people and people who need care live well? Think of suitable homes, adaptations in the home, care close by and moving to a home that fits.',
    },
  },
  aandachtsgroepen: {
    code: 'A',
    document: 'agreement',
    label: { nl: 'Aandachtsgroepen', en: 'Priority groups' },
    guidance: {
      nl: 'Wie heeft met voorrang een woning nodig? Denk aan urgent woningzoekenden, statushouders en mensen die uit een zorginstelling komen. Hoeveel woningen gaan naar deze groepen, en welke begeleiding krijgen zij?',
      en: 'Who needs a home with priority? Think of urgent home seekers, refugees with a residence permit and people leaving a care institution. How many homes go to these groups, and what support do they get?',
    },
  },
  huurdersparticipatie: {
    code: 'P',
    document: 'agreement',
    label: { nl: 'Huurdersparticipatie', en: 'Tenant participation' },
    guidance: {
      nl: 'Hoe praten huurders mee? Denk aan geld en ondersteuning voor de huurdersorganisatie, cursussen, en hoe zij hun achterban informeren en vragen wat er leeft.',
      en: 'How do tenants take part? Think of money and support for the tenants’ organisation, training, and how it informs its members and asks what matters to them.',
    },
  },
  'financiele-afspraken': {
    code: 'F',
    document: 'agreement',
    label: { nl: 'Financiële afspraken', en: 'Financial agreements' },
    guidance: {
      nl: 'Wat kan de corporatie betalen, en wat dragen de andere partijen bij? Denk aan investeringen, de financiële ruimte van de corporatie, grondprijzen en gemeentelijke heffingen.',
      en: 'What can the corporation afford, and what do the other parties contribute? Think of investments, the corporation’s financial room, land prices and municipal charges.',
    },
  },
  verwachtingen: {
    code: 'PV',
    document: 'process',
    label: { nl: 'Wat we van elkaar verwachten', en: 'What we expect of each other' },
    guidance: {
      nl: 'Wat verwachten de partijen van elkaar tijdens de gesprekken? Spreek af hoe jullie met elkaar omgaan, wie namens welke partij aan tafel zit en wie mag beslissen.',
      en: 'What do the parties expect of each other during the talks? Agree how you treat each other, who sits at the table for which party and who may decide.',
    },
  },
  vergaderafspraken: {
    code: 'PO',
    document: 'process',
    label: { nl: 'Hoe de gesprekken verlopen', en: 'How the meetings run' },
    guidance: {
      nl: 'Hoe vaak en waar komen jullie bij elkaar? Wie maakt de agenda en het verslag? Hoe lang van tevoren krijgt iedereen de stukken, zodat er tijd is om ze te lezen?',
      en: 'How often and where do you meet? Who makes the agenda and the minutes? How far ahead does everyone get the papers, so there is time to read them?',
    },
  },
  besluitvorming: {
    code: 'PB',
    document: 'process',
    label: { nl: 'Hoe we besluiten', en: 'How we decide' },
    guidance: {
      nl: 'Hoe nemen jullie samen een besluit? Bijvoorbeeld: alle partijen moeten instemmen. Wat doen jullie als een partij het niet eens is? Lukt het na zes maanden niet, dan kan een partij het geschil voorleggen aan de minister.',
      en: 'How do you decide together? For example: all parties must agree. What do you do when a party disagrees? If there is no agreement after six months, a party can submit the dispute to the minister.',
    },
  },
  reikwijdte: {
    code: 'PR',
    document: 'process',
    label: { nl: 'Wat wel en niet onder de afspraken valt', en: 'What is in and out of scope' },
    guidance: {
      nl: 'Over welke onderwerpen maken jullie afspraken, en over welke niet? Voor welke jaren en welk gebied gelden ze? Doen er nog andere partijen mee, zoals zorgorganisaties?',
      en: 'Which subjects do you make agreements on, and which not? For which years and which area do they apply? Do other parties take part, such as care organisations?',
    },
  },
  procesbegeleiding: {
    code: 'PG',
    document: 'process',
    label: { nl: 'Procesbegeleiding', en: 'Facilitation' },
    guidance: {
      nl: 'Wie begeleidt de gesprekken? Doen jullie dat zelf, of vragen jullie een externe procesbegeleider? Wat doet die persoon wel en niet?',
      en: 'Who facilitates the talks? Do you do it yourselves, or do you ask an external facilitator? What does that person do and not do?',
    },
  },
  voortgang: {
    code: 'PM',
    document: 'process',
    label: { nl: 'Voortgang van de gesprekken', en: 'Progress of the talks' },
    guidance: {
      nl: 'Hoe houden jullie bij of de gesprekken goed gaan? Spreek af wanneer jullie samen terugkijken, en wat jullie doen als het vastloopt.',
      en: 'How do you keep track of whether the talks are going well? Agree when you look back together, and what you do when things get stuck.',
    },
  },
  kalender: {
    code: 'PK',
    document: 'process',
    label: { nl: 'Kalender', en: 'Calendar' },
    guidance: {
      nl: 'Wanneer gebeurt wat? Vóór 1 juli stuurt de corporatie haar bod naar de gemeente en de huurdersorganisatie. Uiterlijk 15 december zijn de prestatieafspraken gesloten. Plan de gesprekken daartussen.',
      en: 'What happens when? Before 1 July the corporation sends its bid to the municipality and the tenants’ organisation. By 15 December the performance agreements are concluded. Plan the talks in between.',
    },
  },
};

/** All themes in document order. */
export const THEMES: readonly ThemeInfo[] = THEME_IDS.map((id) => ({ id, ...info[id] }));

/** Themes of one document kind, in document order. */
export function themesOf(document: ThemeDocument): ThemeInfo[] {
  return THEMES.filter((t) => t.document === document);
}

export function isThemeId(value: unknown): value is ThemeId {
  return typeof value === 'string' && (THEME_IDS as readonly string[]).includes(value);
}

export function themeInfo(id: ThemeId): ThemeInfo {
  return { id, ...info[id] };
}
