/** Organisations, people, their API tokens and who is calling: the administrator's side of Voxbox. */
@NullMarked
package org.voxbox.directory;

import org.jspecify.annotations.NullMarked;
