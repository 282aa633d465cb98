package io.twinledger.service.twin;

import io.twinledger.service.support.OnEmbeddedDb;

@OnEmbeddedDb
class TwinApiTest extends TwinApiContract {}
