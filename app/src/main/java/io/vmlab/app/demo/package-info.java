/**
 * {@code vmlab demo}: the main job on the bundled defaults. A demo is a list of {@link
 * io.vmlab.app.demo.DemoSection}s over the same machines; today the four bundled machines side by
 * side (paging levels, layouts, one translated address each). Later sections (the quick-start
 * experiment) are added to {@link io.vmlab.app.demo.Demo#sections()}.
 */
package io.vmlab.app.demo;
