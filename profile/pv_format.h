/* pv_format.h - the record markers of a vmprof log (docs/format.md), one
 * set of names for the reader that decodes them and the writers that
 * emit them (render/vmprof_log.c, symbolizer/records.c). */
#ifndef PV_FORMAT_H
#define PV_FORMAT_H

enum pv_marker {
	PV_MARKER_STACK = 0x01,         /* a stack sample */
	PV_MARKER_CODE_NAME = 0x02,     /* a code object's name (Python, JIT) */
	PV_MARKER_TRAILER = 0x03,       /* the end of the records */
	PV_MARKER_INTERP_NAME = 0x04,   /* legacy: the interpreter's name */
	PV_MARKER_HEADER = 0x05,        /* version, profile lines, ... */
	PV_MARKER_TIME = 0x06,          /* the start time and zone */
	PV_MARKER_META = 0x07,          /* one key=value pair */
	PV_MARKER_NATIVE_SYMBOL = 0x08, /* a native address's name */
	PV_MARKER_ALLOC_SAMPLE = 0x09,  /* version 7: an allocation sample */
	PV_MARKER_OBJECT_INFO = 0x0a    /* version 7: object information */
};

#endif
