export function startScriptOf(root: string): string;
export function productionV8Flags(root: string): string[];
