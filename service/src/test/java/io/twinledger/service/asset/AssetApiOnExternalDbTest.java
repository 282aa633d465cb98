package io.twinledger.service.asset;

import io.twinledger.service.support.OnExternalDb;

@OnExternalDb
class AssetApiOnExternalDbTest extends AssetApiContract {}
