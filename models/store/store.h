#pragma once
// placeholder, replaced by the store implementation
