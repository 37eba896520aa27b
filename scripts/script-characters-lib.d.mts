export const REGIONAL_TABLES: Record<string, string>;
export const REGIONAL_PHRASES: Record<string, 'from' | 'to'>;
export function openccVersion(): string;
export function big5Characters(): Set<string>;
export function scriptCharacters(): { simplifiedOnly: string; traditionalOnly: string; regionalPhrases: string[] };
