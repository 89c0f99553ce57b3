/**
 * What an experiment produced: runs (one per sweep point) with named metrics, per-process rows and
 * address-space snapshots. Plain records with a deterministic order, written and read back by the
 * JSON writer so that shards can be merged.
 */
package io.vmlab.app.report.model;
