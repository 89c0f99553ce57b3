/**
 * Output helpers shared by every command: unsigned hex addresses, byte sizes in binary units,
 * aligned text tables and JSON.
 */
package io.vmlab.app.format;
