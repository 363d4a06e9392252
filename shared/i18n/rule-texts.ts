export const RULE_TEXTS: Readonly<Record<string, { ru: string; kk: string; ky: string }>> = {};
