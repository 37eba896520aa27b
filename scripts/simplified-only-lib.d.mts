export function big5Characters(): Set<string>;
export function simplifiedOnlyCharacters(): string[];
