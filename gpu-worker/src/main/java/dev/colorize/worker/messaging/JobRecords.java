package dev.colorize.worker.messaging;

import dev.colorize.platform.messaging.MessageCodec;
import dev.colorize.platform.messaging.PageJob;
import dev.colorize.platform.messaging.UnsupportedMessageException;
import dev.colorize.worker.service.ReceivedJob;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Reads job records into what the service takes: the job, or why it is unreadable, with its record as origin. */
final class JobRecords {

    private JobRecords() {
    }

    static ReceivedJob<ConsumerRecord<String, byte[]>> read(ConsumerRecord<String, byte[]> record) {
        try {
            PageJob job = MessageCodec.decode(record.value(), PageJob.class);
            if (job.publisherId() == null || job.sourceKey() == null) {
                throw new UnsupportedMessageException("PageJob lacks its publisherId or sourceKey");
            }
            return ReceivedJob.of(record, job);
        } catch (UnsupportedMessageException e) {
            return ReceivedJob.unreadable(record, e.getMessage());
        }
    }
}
