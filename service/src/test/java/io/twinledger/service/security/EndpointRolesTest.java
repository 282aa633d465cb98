package io.twinledger.service.security;

import io.twinledger.service.support.OnEmbeddedDb;

@OnEmbeddedDb
class EndpointRolesTest extends EndpointRolesContract {}
