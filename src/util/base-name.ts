/** The last part of a path, `/` or `\` separated: how an upload is named in a submission's file list. */
export const baseName = (path: string): string => path.split(/[\\/]/).pop() || path;
