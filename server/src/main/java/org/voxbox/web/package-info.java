/** API-wide web pieces: the Webex error shape, request limits and tracking ids. */
@NullMarked
package org.voxbox.web;

import org.jspecify.annotations.NullMarked;
