package dev.colorize.ingest.persistence;

/** The layer objects a worker wrote beside a colored page (or one of its revisions); null when not asked for. */
public interface LayerKeys {

    String flatsKey();

    String linesKey();

    String oraKey();

    String psdKey();
}
