/**
 * {@code vmlab merge}: joins the output directories of the {@code --shard i/n} parts of one sweep
 * into the output of the whole sweep, refusing parts of different experiments and duplicate or
 * missing runs.
 */
package io.vmlab.app.report.merge;
