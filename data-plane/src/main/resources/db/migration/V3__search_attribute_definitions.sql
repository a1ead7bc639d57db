-- Custom search attributes defined per namespace (AddSearchAttributes): a JSON object name -> IndexedValueType
-- name, e.g. {"CustomerId": "INDEXED_VALUE_TYPE_KEYWORD"}. One schema change, idempotent (see V2).
ALTER TABLE namespaces ADD COLUMN IF NOT EXISTS search_attributes TEXT NOT NULL DEFAULT '{}';
