// Ids and labels live in the contract (`vocabulary/`), so the browser can
// import them without the engine or the knowledge base's data.
export * from '../vocabulary/capabilities';
