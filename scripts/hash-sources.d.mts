export function hashSources(repoRoot: string): string;
