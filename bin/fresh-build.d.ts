/** The URL of dist/<name>.mjs when it exists and is newer than every file under src/; otherwise null. */
export function freshBuild(name: string): string | null;
