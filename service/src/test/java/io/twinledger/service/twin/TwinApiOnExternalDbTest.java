package io.twinledger.service.twin;

import io.twinledger.service.support.OnExternalDb;

@OnExternalDb
class TwinApiOnExternalDbTest extends TwinApiContract {}
