package dev.colorize.local;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * deploy/colorize-local.sh: colors a chapter on this machine with the whole system, then prints a
 * summary and writes it to OUTPUT/summary.json. Exit 0 when every page is colored and the webhook
 * arrived with a valid signature; 1 when the run finished otherwise; 2 for bad arguments.
 */
public final class ColorizeLocal {

    private ColorizeLocal() {
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        Path root = Path.of(System.getProperty("colorize.project.root", ".")).toAbsolutePath().normalize();
        LocalOptions options;
        try {
            options = LocalOptions.parse(args, root);
        } catch (LocalOptions.UsageException | NumberFormatException e) {
            if (e.getMessage() != null) {
                System.err.println(e.getMessage());
            }
            System.err.println(LocalOptions.USAGE);
            System.exit(e.getMessage() == null ? 0 : 2);
            return;
        }
        LocalRun run = new LocalRun(options, out);
        Runtime.getRuntime().addShutdownHook(new Thread(run::stopServices, "stop-services"));
        try {
            RunSummary summary = run.run();
            printSummary(out, options, summary);
            System.exit(summary.succeeded() ? 0 : 1);
        } catch (Exception e) {
            System.err.println("colorize-local failed: " + FailureReason.of(e));
            System.err.println("Logs: " + options.data().resolve("logs") + ", " + options.data().resolve("kafka/kafka.log")
                    + ", " + options.data().resolve("s3/s3proxy.log"));
            System.exit(1);
        }
    }

    private static void printSummary(PrintStream out, LocalOptions options, RunSummary s) {
        out.println();
        out.println("Chapter " + s.chapterId() + ": " + s.state() + ", " + s.pagesDone() + " of " + s.pagesTotal()
                + " pages colored" + (s.pagesFailed() > 0 ? ", " + s.pagesFailed() + " failed" : ""));
        s.failures().forEach(f -> out.println("  " + f));
        out.println("Model version " + s.modelVersions() + (s.modelBootstrapped() ? " (bootstrapped by this run)" : ""));
        out.println("Webhook: " + (s.webhookSignatureValid() ? "arrived, signature valid"
                : s.webhookArrived() ? "arrived, signature INVALID" : "did not arrive"));
        if (s.referencesStored() != null) {
            out.println("References: " + s.referencesStored() + " of " + options.references() + " as series "
                    + LocalOptions.SERIES + "; " + s.regionsFollowed() + " of " + s.referenceRegions()
                    + " regions of the pages followed them");
        }
        StringBuilder stages = new StringBuilder("Seconds per stage:");
        for (Map.Entry<String, Double> e : s.secondsPerStage().entrySet()) {
            stages.append(' ').append(e.getKey()).append(' ').append(e.getValue());
        }
        out.println(stages);
        out.println("Colored pages: " + options.output().resolve("pages"));
        if (!s.openRasterFiles().isEmpty()) {
            out.println("OpenRaster files (lines over flat colors, for Krita, GIMP, MyPaint): " + s.openRasterFiles().size()
                    + " beside the pages");
        }
        if (!s.photoshopFiles().isEmpty()) {
            out.println("Photoshop files (layered PSD, for Clip Studio Paint, Photoshop): " + s.photoshopFiles().size()
                    + " beside the pages");
        }
        if (s.archive() != null) {
            out.println("CBZ: " + options.output().resolve(s.archive()));
        }
        out.println("Summary: " + options.output().resolve("summary.json"));
    }
}
