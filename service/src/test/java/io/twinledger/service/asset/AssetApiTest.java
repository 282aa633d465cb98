package io.twinledger.service.asset;

import io.twinledger.service.support.OnEmbeddedDb;

@OnEmbeddedDb
class AssetApiTest extends AssetApiContract {}
