package formatter
import ("testing";"os";"fmt")
func TestDbg(t *testing.T) {
 src, _ := os.ReadFile(os.Getenv("F"))
 out, err := Source("x.k", src, Options{})
 fmt.Printf("%s---\n%v\n", out, err)
}
