// libqrencode. Only PHRImaging imports this module.
#ifndef PHR_CQRENCODE_SHIM_H
#define PHR_CQRENCODE_SHIM_H
#include <qrencode.h>
#endif
