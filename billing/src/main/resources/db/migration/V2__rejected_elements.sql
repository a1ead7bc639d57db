-- A record carries many events (a JSON array, docs/usage-events.md): a rejected event is identified by its record
-- and its position in it. Events of single-event records have element 0.
ALTER TABLE usage_rejected ADD COLUMN element INT NOT NULL DEFAULT 0;
ALTER TABLE usage_rejected DROP CONSTRAINT usage_rejected_pkey,
    ADD CONSTRAINT usage_rejected_pkey PRIMARY KEY (topic_partition, record_offset, element);
