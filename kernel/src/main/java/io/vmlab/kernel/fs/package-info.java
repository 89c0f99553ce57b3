/**
 * A small in-memory filesystem: the files a scenario declares (path, size, device, inode, fill
 * byte), their page caches ({@link io.vmlab.kernel.fs.AddressSpace} with the VMAs mapping them),
 * the shmem files behind shared anonymous mappings, and open files (struct file).
 */
package io.vmlab.kernel.fs;
