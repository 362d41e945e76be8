// Plugins are built with hidden visibility; types that cross the host/plugin boundary as exceptions keep
// default visibility so that the host can catch them by type.
#pragma once

#define OCOMMS_VISIBLE __attribute__((visibility("default")))
