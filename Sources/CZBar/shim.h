// libzbar. Only PHRImaging imports this module.
#ifndef PHR_CZBAR_SHIM_H
#define PHR_CZBAR_SHIM_H
#include <zbar.h>
#endif
