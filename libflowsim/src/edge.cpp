#include "flowsim/edge.hpp"

#include <algorithm>

namespace flowsim {

bool Edge::carries_kind(DataKindIndex kind) const {
    return std::binary_search(carries.begin(), carries.end(), kind);
}

DataKindIndex Edge::converted(DataKindIndex kind) const {
    for (const Conversion& conversion : convert) {
        if (conversion.from == kind) {
            return conversion.to;
        }
    }
    return kind;
}

}  // namespace flowsim
