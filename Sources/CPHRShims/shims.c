#include "phr_shims.h"
#include <stdlib.h>
void phr_free(void *p) { free(p); }
