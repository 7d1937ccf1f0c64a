-- One outbox for every service: the trainer's model events join the table the other services write, and
-- one relay (common-service's OutboxRelay, run by each service that writes it) publishes it in id order.
-- Unpublished trainer events move over in the order the trainer's relay would have sent them (its id
-- order) with their key, topic, payload and creation time; they land after the jobs already waiting,
-- which is harmless because Kafka orders per partition and jobs and model events share no topic.
-- Published rows are history nobody reads and stay behind.
INSERT INTO outbox (topic, message_key, payload, created_at)
SELECT topic, message_key, payload, created_at FROM trainer_outbox WHERE published_at IS NULL ORDER BY id;

DROP TABLE trainer_outbox;
