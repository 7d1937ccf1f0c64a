package dev.colorize.worker.service;

import dev.colorize.platform.messaging.PageJob;
import java.util.List;

/**
 * A durable count of how often each page was taken without reaching an outcome, per result revision (a recolor is a
 * job of its own). It is raised before a page is worked on and dropped once its outcome is durable, so what is left
 * counts the attempts that ended with the worker failing or dying: a page that kills every worker is given up instead
 * of handed on forever.
 */
public interface PageAttempts {

    /** Counts one more attempt of each job's page; returns each page's count including this one, in order. */
    List<Integer> begin(List<PageJob> jobs);

    /** The pages' outcomes are durable: their counts are done with. */
    void finished(List<PageJob> jobs);

    /** Not the pages' own failure (e.g. Kafka down), or counted again one at a time: this try does not count. */
    void notCounted(List<PageJob> jobs);
}
