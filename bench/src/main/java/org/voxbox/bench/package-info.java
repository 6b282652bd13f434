/** JMH benchmarks of Voxbox's hot paths; run from the shaded jar, never as part of the tests. */
@org.jspecify.annotations.NullMarked
package org.voxbox.bench;
