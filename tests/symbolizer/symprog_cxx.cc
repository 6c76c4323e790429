// symprog_cxx.cc - C++ (and Rust-mangled) functions for symprog.c: the
// symbolizer must demangle their names.  Definitions are one line each,
// their line recorded next to them.
#include <cstdint>

#define NOINLINE __attribute__((noinline))

extern volatile int sp_sink;

namespace sp {
struct Widget {
	static int turn(int x);
	template <typename T> static T twice(T x);
};

enum { TURN_LINE = __LINE__ + 1 };
NOINLINE int Widget::turn(int x) { sp_sink += x; return sp_sink ^ 3; }

template <typename T> NOINLINE T Widget::twice(T x) { sp_sink += (int)x; return x * 2 + sp_sink; }
enum { TWICE_LINE = __LINE__ - 1 };
template long Widget::twice<long>(long);
} // namespace sp

// A Rust v0 symbol (mycrate::spin): the name is what rustc would emit.
extern "C" int rust_spin(int x) __asm__("_RNvCs1234_7mycrate4spin");
enum { RUST_LINE = __LINE__ + 1 };
extern "C" NOINLINE int rust_spin(int x) { sp_sink -= x; return sp_sink; }

extern "C" int sp_cxx_addrs(void **addrs, int *lines, const char **names,
			    int max)
{
	int n = 0;

	if (max < 3)
		return 0;
	sp_sink += sp::Widget::turn(1) + (int)sp::Widget::twice<long>(2) +
		rust_spin(3);
	addrs[n] = (void *)(uintptr_t)&sp::Widget::turn;
	names[n] = "sp::Widget::turn(int)";
	lines[n++] = sp::TURN_LINE;
	addrs[n] = (void *)(uintptr_t)&sp::Widget::twice<long>;
	names[n] = "long sp::Widget::twice<long>(long)";
	lines[n++] = sp::TWICE_LINE;
	addrs[n] = (void *)(uintptr_t)&rust_spin;
	names[n] = "mycrate::spin";
	lines[n++] = RUST_LINE;
	return n;
}
