/** The Voxbox application; each sub-package is a module. */
@NullMarked
package org.voxbox;

import org.jspecify.annotations.NullMarked;
