//! The default favicon: a small bar chart, drawn in code.

use std::sync::OnceLock;

const SIZE: u32 = 32;

/// The icon as an `.ico` file holding one 32×32 32-bit image.
pub(super) fn ico() -> &'static [u8] {
    static ICO: OnceLock<Vec<u8>> = OnceLock::new();
    ICO.get_or_init(draw)
}

fn pixel(x: u32, y: u32) -> [u8; 4] {
    // Three bars of rising height on a rounded dark-blue tile; y counts from the top.
    const TILE: [u8; 4] = [0x5a, 0x2b, 0x11, 0xff]; // BGRA
    const BAR: [u8; 4] = [0xf5, 0xc8, 0x3b, 0xff];
    const CLEAR: [u8; 4] = [0, 0, 0, 0];
    let corner =
        |cx: u32, cy: u32| (x as i32 - cx as i32).pow(2) + (y as i32 - cy as i32).pow(2) > 16;
    let in_corner = (x < 4 && y < 4 && corner(4, 4))
        || (x > 27 && y < 4 && corner(27, 4))
        || (x < 4 && y > 27 && corner(4, 27))
        || (x > 27 && y > 27 && corner(27, 27));
    if in_corner {
        return CLEAR;
    }
    let bars = [(6, 11, 18), (13, 18, 12), (20, 25, 6)];
    if y < 26
        && bars
            .iter()
            .any(|&(left, right, top)| x >= left && x <= right && y >= top)
    {
        BAR
    } else {
        TILE
    }
}

fn draw() -> Vec<u8> {
    let mut image = Vec::new();
    // BITMAPINFOHEADER; the height counts the colour rows and the mask rows.
    image.extend_from_slice(&40u32.to_le_bytes());
    image.extend_from_slice(&(SIZE as i32).to_le_bytes());
    image.extend_from_slice(&(2 * SIZE as i32).to_le_bytes());
    image.extend_from_slice(&1u16.to_le_bytes());
    image.extend_from_slice(&32u16.to_le_bytes());
    image.extend_from_slice(&[0; 24]);
    for y in (0..SIZE).rev() {
        for x in 0..SIZE {
            image.extend_from_slice(&pixel(x, y));
        }
    }
    // AND mask: all zero (alpha decides), rows padded to 4 bytes.
    image.extend(std::iter::repeat_n(0u8, (SIZE * SIZE / 8) as usize));

    let mut ico = Vec::new();
    ico.extend_from_slice(&[0, 0, 1, 0, 1, 0]); // reserved, type icon, one image
    ico.extend_from_slice(&[SIZE as u8, SIZE as u8, 0, 0]);
    ico.extend_from_slice(&1u16.to_le_bytes());
    ico.extend_from_slice(&32u16.to_le_bytes());
    ico.extend_from_slice(&(image.len() as u32).to_le_bytes());
    ico.extend_from_slice(&22u32.to_le_bytes());
    ico.extend_from_slice(&image);
    ico
}

#[cfg(test)]
mod tests {
    #[test]
    fn is_a_well_formed_ico() {
        let ico = super::ico();
        assert_eq!(&ico[..4], &[0, 0, 1, 0]);
        let size = u32::from_le_bytes(ico[14..18].try_into().unwrap()) as usize;
        let offset = u32::from_le_bytes(ico[18..22].try_into().unwrap()) as usize;
        assert_eq!(offset + size, ico.len());
    }
}
