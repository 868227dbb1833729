/**
 * A small reader of the osinfo database (os names and their device defaults).
 * <p>
 * Uses nothing else of kvmsh.
 */
package kvmsh.osinfo;
