package dev.colorize.worker.service;

import dev.colorize.platform.coloring.PageFile;

/**
 * One object of a page's result, encoded and named, ready to be stored; {@link PageFile#COLORED} is the colored page,
 * or a passed-through page as uploaded.
 */
record EncodedObject(PageFile file, String key, byte[] content, String mediaType) {
}
