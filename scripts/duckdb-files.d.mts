export declare const DUCKDB_FILES: Record<string, string>;
export declare function duckdbFilePath(name: string): string;
export declare function matchDuckdbRequest(path: string | undefined): string | undefined;
