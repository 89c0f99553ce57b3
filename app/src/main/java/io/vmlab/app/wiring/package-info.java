/**
 * The Guice wiring of one machine: the kernel's {@link io.vmlab.kernel.KernelModule}, a module
 * binding every discovered plugin extension into the kernel's name maps, and every module a
 * plugin contributes, all in one injector per machine.
 */
package io.vmlab.app.wiring;
