/** Ids of entries added from app-config must look like the built-in ones. */
export const ENTRY_ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
