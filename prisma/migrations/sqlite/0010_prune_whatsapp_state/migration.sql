-- Data only, no schema change: the WhatsApp Cloud adapter kept each delivery receipt ("whatsapp:status:<wamid>")
-- and each sender's last message time ("whatsapp:lastInbound:<id>") as KeyValue rows that were never deleted.
-- Receipts now live on the Outbox row and the window on ChannelIdentity.lastInboundAt; the old rows go.
DELETE FROM "KeyValue" WHERE "key" LIKE 'whatsapp:status:%' OR "key" LIKE 'whatsapp:lastInbound:%';
