package dev.colorize.worker.support;

import dev.colorize.ml.data.ImageCodec;
import dev.colorize.ml.data.OpenCvNative;
import dev.colorize.platform.messaging.MessageCodec;
import dev.colorize.platform.messaging.OutputFormat;
import dev.colorize.platform.messaging.PageJob;
import dev.colorize.platform.messaging.PageResult;
import dev.colorize.platform.messaging.Topics;
import dev.colorize.platform.storage.ObjectStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

/** Does what the ingest service does: stores sketches, enqueues page jobs; and reads what comes back. */
public final class Pages {

    public final UUID publisher = UUID.randomUUID();
    private final ObjectStore store;
    private final KafkaProducer<String, byte[]> producer;
    private final String bootstrap;

    public Pages(ObjectStore store, KafkaProducer<String, byte[]> producer, String bootstrap) {
        OpenCvNative.ensureLoaded();
        this.store = store;
        this.producer = producer;
        this.bootstrap = bootstrap;
    }

    /** Line art: a circle and a diagonal on white. */
    public static byte[] lineArt(int width, int height) {
        OpenCvNative.ensureLoaded();
        Mat page = new Mat(height, width, CvType.CV_8UC3, new Scalar(255, 255, 255));
        Imgproc.circle(page, new Point(width / 2.0, height / 2.0), Math.min(width, height) / 3, new Scalar(0, 0, 0), 2);
        Imgproc.line(page, new Point(3, 3), new Point(width - 4, height - 4), new Scalar(0, 0, 0), 1);
        return ImageCodec.encodePng(page);
    }

    public String upload(UUID chapter, int page, byte[] content) {
        String key = "sketches/" + publisher + "/" + chapter + "/" + page + ".png";
        store.put(key, content, "image/png");
        return key;
    }

    public PageJob job(UUID chapter, int page, String sourceKey, OutputFormat format, Integer pinnedVersion) {
        return PageJob.of(publisher, chapter, page, sourceKey, format, pinnedVersion, Instant.now());
    }

    /** Uploads a {@code width x height} page and enqueues its job. */
    public PageJob enqueue(String topic, UUID chapter, int page, int width, int height) throws Exception {
        PageJob job = job(chapter, page, upload(chapter, page, lineArt(width, height)), OutputFormat.PNG, null);
        send(topic, job);
        return job;
    }

    public void send(String topic, PageJob job) throws Exception {
        sendRaw(topic, job.key(), MessageCodec.encode(job));
    }

    public void sendRaw(String topic, String key, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, value)).get();
    }

    /** Results of {@code chapter} until {@code done} holds for them, or the timeout says what was seen. */
    public List<PageResult> awaitResults(UUID chapter, Predicate<List<PageResult>> done, Duration timeout)
            throws InterruptedException {
        List<PageResult> results = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : await(Topics.RESULTS, chapter.toString(),
                records -> done.test(decode(records)), timeout)) {
            results.add(MessageCodec.decode(r.value(), PageResult.class));
        }
        return results;
    }

    public List<PageResult> awaitResults(UUID chapter, int count, Duration timeout) throws InterruptedException {
        return awaitResults(chapter, r -> r.size() >= count, timeout);
    }

    /** Records with this key on {@code topic} (from its start) once {@code done} holds, else AssertionError. */
    public List<ConsumerRecord<String, byte[]>> await(String topic, String key,
            Predicate<List<ConsumerRecord<String, byte[]>>> done, Duration timeout) throws InterruptedException {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (consumer.assignment().isEmpty()) { // the topic appears with its first record
                    List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                            .map(i -> new TopicPartition(topic, i.partition())).toList();
                    consumer.assign(partitions);
                    consumer.seekToBeginning(partitions);
                    if (partitions.isEmpty()) {
                        Thread.sleep(200);
                        continue;
                    }
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(r.key())) {
                        seen.add(r);
                    }
                }
                if (done.test(seen)) {
                    return seen;
                }
            }
            throw new AssertionError("waited " + timeout + " on " + topic + " for key " + key + "; saw "
                    + (topic.equals(Topics.RESULTS) ? decode(seen) : seen.size() + " records"));
        }
    }

    private static List<PageResult> decode(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(r -> MessageCodec.decode(r.value(), PageResult.class)).toList();
    }

    /** Latest result per page number. */
    public static Map<Integer, PageResult> byPage(List<PageResult> results) {
        Map<Integer, PageResult> latest = new TreeMap<>();
        results.forEach(r -> latest.put(r.pageNumber(), r));
        return latest;
    }
}
