/** The OAuth 2.0 flows behind the mixins: state cookies, provider calls, ID-token checks. */
package io.squall.auth.internal;
