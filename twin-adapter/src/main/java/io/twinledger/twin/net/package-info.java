/** What went wrong on the network, in words a person can act on. */
package io.twinledger.twin.net;
