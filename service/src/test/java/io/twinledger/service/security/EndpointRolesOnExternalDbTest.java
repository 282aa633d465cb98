package io.twinledger.service.security;

import io.twinledger.service.support.OnExternalDb;

@OnExternalDb
class EndpointRolesOnExternalDbTest extends EndpointRolesContract {}
