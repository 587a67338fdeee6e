package io.sluice.io;

/** Placeholder replaced by the catalog implementation. */
public final class DataCatalog {
}
