export function big5Characters(): Set<string>;
export function scriptCharacters(): { simplifiedOnly: string; traditionalOnly: string };
